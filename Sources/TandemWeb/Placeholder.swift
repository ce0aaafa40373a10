import Vapor
import Leaf
